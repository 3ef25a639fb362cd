"""Allow ``python -m assess``."""

from assess.cli.main import main

main()
