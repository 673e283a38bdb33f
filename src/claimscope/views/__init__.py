"""What both faces (the report and the web application) show the same way, below both of them:
a measure's timeline (geometry and its SVG), search folding, and the rows the commands print
(commands.py). How a figure reads (labels, numbers) is formatting.py, below everything that
writes one. The report and the app never import each other; they import from here."""
