"""Reading schools' attendance files and turning them into people and attendances.

The pipeline is: ``readers`` (bytes to rows of cells, whatever the format),
``headers`` (which column is which), ``parsing`` (cells to clean values, or row
errors), ``matching`` (rows to people, one rule set for the web and the command
line) and ``services`` (the only module that writes).
"""
