"""``python -m drill``."""

from drill.launch import main

main()
