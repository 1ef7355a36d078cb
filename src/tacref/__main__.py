from tacref import main

main()
