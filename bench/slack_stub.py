#!/usr/bin/env python3
"""A stand-in for Slack's incoming webhooks: answers 200 "ok" and records, per benchmark probe marker found in a
message, the wall-clock time (ms) it arrived. Usage: slack_stub.py PORT_FILE ARRIVALS_FILE"""
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARKER = re.compile(rb"bench-probe-[0-9a-z]+-[0-9]+")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        arrived = int(time.time() * 1000)
        markers = sorted(set(MARKER.findall(body)))
        with open(sys.argv[2], "a") as arrivals:
            for marker in markers:
                arrivals.write(f"{marker.decode()} {arrived}\n")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as port_file:
    port_file.write(str(server.server_address[1]))
server.serve_forever()
