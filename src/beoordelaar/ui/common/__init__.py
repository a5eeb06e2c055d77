"""What every page shares: the action runner, the table model, small widgets, error reports, the PDF view."""
