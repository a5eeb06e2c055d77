"""File formats every phase shares: reading sheets, writing safe spreadsheets, fonts and the PDF house style."""
