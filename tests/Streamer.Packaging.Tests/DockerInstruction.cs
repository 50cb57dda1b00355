namespace Streamer.Packaging.Tests;

/// <summary>One Dockerfile instruction: its keyword (upper case) and the rest of its line.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);
