from tacref.cli import main

main()
