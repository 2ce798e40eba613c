"""Other readers' export files in, Reader's library out: the formats alone.

Each module knows one format (Pocket, Instapaper, Omnivore, wallabag, Readwise Reader,
Netscape bookmarks, OPML, Reader's own) and turns it into ``Entry`` values, or writes
records out in it. No library, no network: reader.service.moving_in keeps the entries,
reader.service.exporting gathers what is written.
"""
