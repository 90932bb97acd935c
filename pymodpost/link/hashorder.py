"""The order in which GNU ld writes global symbols: a walk of BFD's link hash table.

ld emits globals by traversing its symbol hash table bucket by bucket (``bfd_hash_traverse``),
newest entry first within a bucket.  Reproducing the output byte for byte therefore means
reproducing ``bfd_hash_hash`` (on a 64-bit host ``unsigned long``), the table size (4051) and
its growth to the next prime near a power of two once it is more than 3/4 full.
"""

from __future__ import annotations

DEFAULT_SIZE = 4051
_MASK = (1 << 64) - 1
_PRIMES = (31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071, 262139,
           524287, 1048573, 2097143, 4194301, 8388593, 16777213, 33554393, 67108859, 134217689,
           268435399, 536870909, 1073741789, 2147483647, 4294967291)


def bfd_hash(name: bytes) -> int:
    h = 0
    for c in name:
        h = (h + c + (c << 17)) & _MASK
        h ^= h >> 2
    n = len(name)
    h = (h + n + (n << 17)) & _MASK
    h ^= h >> 2
    return h


def _higher_prime(n: int) -> int:
    for p in _PRIMES:
        if p > n:
            return p
    return 0


def traversal_order(names_in_insertion_order: list[bytes]) -> list[int]:
    """Indices of the given (distinct) names in the order ld's hash traversal visits them."""
    size = DEFAULT_SIZE
    hashes = [bfd_hash(n) for n in names_in_insertion_order]
    if len(hashes) <= size * 3 // 4:
        # the table never grows: bucket order, newest entry first within a bucket
        buckets: dict[int, list[int]] = {}
        for idx, h in enumerate(hashes):
            buckets.setdefault(h % size, []).append(idx)
        return [idx for b in sorted(buckets) for idx in reversed(buckets[b])]
    table: list[list[tuple[int, int]]] = [[] for _ in range(size)]  # bucket: newest first
    count = 0
    for idx, h in enumerate(hashes):
        table[h % size].insert(0, (h, idx))
        count += 1
        if count > size * 3 // 4:
            newsize = _higher_prime(size)
            if not newsize:
                continue
            new: list[list[tuple[int, int]]] = [[] for _ in range(newsize)]
            for bucket in table:
                # runs of equal hash move together, each run pushed on the front of its new bucket
                i = 0
                while i < len(bucket):
                    j = i + 1
                    while j < len(bucket) and bucket[j][0] == bucket[i][0]:
                        j += 1
                    run = bucket[i:j]
                    tgt = new[run[0][0] % newsize]
                    tgt[0:0] = run
                    i = j
            table, size = new, newsize
    return [idx for bucket in table for _h, idx in bucket]
