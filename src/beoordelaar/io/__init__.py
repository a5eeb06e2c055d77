"""Files in and out: frameworks, platform exports, exchange files, spreadsheets, PDF documents."""
