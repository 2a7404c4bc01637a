"""PDF rendering: plain data in, bytes out; no ORM, no HTTP."""
