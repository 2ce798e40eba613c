"""The one action table, its keys and the user's remapping, and how handlers register for rows."""
