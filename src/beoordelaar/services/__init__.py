"""Services: one function per user action, each one unit of work. The GUI and the CLI both call these."""
