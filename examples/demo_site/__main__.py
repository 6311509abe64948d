"""Serve the demo site in the foreground: python -m examples.demo_site --port 8765 [--variant ids_changed]."""

from __future__ import annotations

import argparse

from examples.demo_site.server import start_demo_site
from examples.demo_site.variants import VARIANTS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--variant", default="default", choices=sorted(VARIANTS))
    args = parser.parse_args()
    site = start_demo_site(args.host, args.port, variant=args.variant, background=False)
    print(f"demo site on {site.url} (variant {args.variant}); sign in as demo / rote-demo-pass", flush=True)
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()


if __name__ == "__main__":
    main()
