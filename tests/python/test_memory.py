"""test_memory: 10,000 analyses (and improvements of a deal) of a small scenario from Python leave the resident
memory flat (no leak in the library's results, the JSON text handed to Python, or the scenario objects)."""
import os

from conftest import EXAMPLES

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def test_rss_flat_over_10000_analyses(parley):
    sc = parley.load(EXAMPLES / "textbook-buyer-seller.json")
    path = EXAMPLES / "textbook-flatmates.json"

    def work(n):
        for i in range(n):
            assert sc.analyze(frontier=True, threads=1)["outcomes"] == 6
            assert sc.improve({"price": 1, "color": "blue"})["found"] == 1  # and its parley_improvements
            if i % 10 == 0:  # scenarios made and freed too, with their diagnosis
                parley.load(path).diagnose(threads=1)

    work(1000)  # warm up: allocator arenas, caches
    before = rss_bytes()
    work(10000)
    grown = rss_bytes() - before
    # A leak of even one small block per analysis (>= 64 bytes) would add >= 640 kB; allow 512 kB of noise.
    assert grown < 512 * 1024, f"RSS grew by {grown} bytes over 10,000 analyses"
