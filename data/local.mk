## data files installed with the program
