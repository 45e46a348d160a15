from netlib.cli import main

raise SystemExit(main())
