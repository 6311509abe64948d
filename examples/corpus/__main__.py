"""Serve the corpus site: ``python -m examples.corpus --port 8770`` (127.0.0.1 unless --host says otherwise)."""

from __future__ import annotations

import argparse

from examples.corpus.server import make_server


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the Rote corpus of self-judging task pages.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8770)
    args = parser.parse_args()
    server, state = make_server(args.host, args.port)
    host, port = server.server_address[:2]
    print(f"corpus: {len(state.tasks)} tasks on http://{host!s}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
