"""Council screens, one module per area. Thin: parse → gate → one service or selector → render."""
