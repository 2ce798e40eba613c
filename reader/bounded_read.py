"""Reading a file or archive member Reader does not trust the size of: a saved page, an
export's member, a site-rules file, a picture beside a page. Stat sizes and zip headers can
lie (a file grows, a zip claims 1 kB and inflates to 4 GB), so the bytes themselves are held
to the limit: one byte past it is read to tell, never the rest."""

from typing import IO


def read_at_most(stream: IO[bytes], limit: int) -> bytes | None:
    """All of ``stream`` when it holds at most ``limit`` bytes, else None."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data
