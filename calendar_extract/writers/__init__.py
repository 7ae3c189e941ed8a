"""Writers: Events → bytes (iCalendar, JSON).

Import the writer you need from its module (`calendar_extract.writers.ics.write_ics`,
`calendar_extract.writers.json.write_json`); this package does no work at import.
"""

from __future__ import annotations

__all__ = ["ics", "json"]
