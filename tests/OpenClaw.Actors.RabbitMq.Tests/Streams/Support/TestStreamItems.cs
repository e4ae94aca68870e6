namespace OpenClaw.Actors.RabbitMq.Tests.Streams.Support;

/// <summary>A small event hierarchy like the session events: subscribers of the base get every kind.</summary>
public abstract record TestEvent(int Seq);

public sealed record TestDelta(int Seq, string Text) : TestEvent(Seq);

public sealed record TestFinal(int Seq, string Message) : TestEvent(Seq);
