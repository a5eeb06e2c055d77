from beoordelaar.cli import main

raise SystemExit(main())
