"""Readers turn input bytes into Documents: text plus a reference date and where it came from."""

from calendar_extract.readers.containers import read_documents
from calendar_extract.readers.sources import expand_inputs
from calendar_extract.readers.text import decode_text, read_document

__all__ = ["decode_text", "expand_inputs", "read_document", "read_documents"]
