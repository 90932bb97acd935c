from pymodpost.cli.main import main

raise SystemExit(main())
