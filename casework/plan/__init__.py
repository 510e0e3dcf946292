"""The plan's rules, the bottom layer of casework: its time zone and business calendar, the
YAML rule loader that names file and line, and the Rulebook (form schemas, label vocabulary,
routing, clocks, holidays, letter kinds) read from the bundled files and a site rules folder."""
