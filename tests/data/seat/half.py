"""half.py: a Python agent for tests/test_server_seat.c, seated from the server's agent folder: it accepts a
text worth at least 0.5 to its party and otherwise asks for its own best package."""
import parley


class Half(parley.Agent):
    name = "half"

    def respond(self, view, request):
        text = view.text
        if text is not None and view.red_lines_hold(text) and view.utility(text) >= 0.5:
            return parley.Accept()
        return parley.Offer(view.package_at_least(view.best_utility)[1])
