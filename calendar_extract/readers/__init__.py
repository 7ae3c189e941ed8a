"""Readers turn input bytes into Documents: text plus a reference date and where it came from."""

from calendar_extract.readers.containers import RawInput, parse_documents, read_documents, read_raw
from calendar_extract.readers.sources import expand_inputs
from calendar_extract.readers.text import decode_text, read_document

__all__ = ["RawInput", "decode_text", "expand_inputs", "parse_documents", "read_document", "read_documents", "read_raw"]
