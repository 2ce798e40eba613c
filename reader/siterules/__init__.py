"""Site rules: per-host extraction fixes in the Full-Text RSS ``ftr-site-config`` syntax.

``parse`` reads a rules file (no I/O, no Qt); reader.extract.site_rules uses the rules on a
parsed page; reader.service.site_rules finds a host's file in the data folder's
``site-rules/`` and extracts with it.
"""

from reader.siterules.parse import Directive, SiteRules, parse_rules

__all__ = ["Directive", "SiteRules", "parse_rules"]
