"""hog.py: a Python agent for tests/test_server_seat.c that needs more memory than its seat allows: it asks for
a buffer of 1 GiB before it accepts; under the server's --agent-memory the
allocation fails (MemoryError) and parley.seat exits with status 3, the 'memory' reason."""
import parley


class Hog(parley.Agent):
    name = "hog"

    def respond(self, view, request):
        buffer = bytes(1 << 30)
        return parley.Accept() if len(buffer) == 1 << 30 else parley.Reject()
