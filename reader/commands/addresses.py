"""Addresses given on the command line lose any login written into them, and say so.

`reader extract http://bob:PW@intranet/…` used to keep the password in the library and
print it back in messages and output. Reader never keeps or shows such a login: it is left
out before anything else sees the address, and the person is pointed at `reader login`,
which keeps a login in the system keyring.
"""

import sys
from collections.abc import Sequence

from reader.urls import without_login


def without_logins(sources: Sequence[str]) -> list[str]:
    """``sources`` with every written-in login left out, each host told once on stderr."""
    clean: list[str] = []
    told: set[str] = set()
    for source in sources:
        address, host = without_login(source)
        if host is not None and host not in told:
            told.add(host)
            print(
                f"reader: left out the login written into the address for {host}: Reader "
                f"never keeps or shows one (`reader login {host}` keeps a login in the "
                "system keyring)",
                file=sys.stderr,
            )
        clean.append(address)
    return clean
