Console.WriteLine("NotebookNet runner: not yet implemented"); return 1;
