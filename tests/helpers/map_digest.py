"""Print the sha256 of a map whose people carry tags that differ only in case.

Run as ``python -m helpers.map_digest`` from ``tests/`` with a chosen ``PYTHONHASHSEED``:
the digest must not depend on string hashing."""

import hashlib

from netlib.map import render_map
from test_netmap import fake_garden


def main() -> None:
    garden = fake_garden()
    pool = ['Climate', 'climate', 'CLIMATE', 'b', 'B', 'a']
    garden.people['tags'] = [pool[k % 6:] for k in range(len(garden.people))]
    print(hashlib.sha256(render_map(garden).encode()).hexdigest())


if __name__ == "__main__":
    main()
