"""Help: the user guide (F1), the About dialog with the licences, the demo round and the log from the Help menu."""
