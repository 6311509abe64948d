"""The demo insurance-quote site that the demo workflow and the browser tests run against."""

from examples.demo_site.server import PASSWORD, USERNAME, DemoSite, start_demo_site

__all__ = ["PASSWORD", "USERNAME", "DemoSite", "start_demo_site"]
