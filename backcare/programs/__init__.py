"""Clinician programs: built from the library, versioned, handed out by link, code or QR."""
