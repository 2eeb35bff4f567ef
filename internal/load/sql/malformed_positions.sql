select line, byte_position from load_structural order by line
