// Placeholder entry point; the composition root is written in the foundation issue.
return 0;
