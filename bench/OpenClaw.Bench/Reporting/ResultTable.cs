using System.Text;

namespace OpenClaw.Bench.Reporting;

/// <summary>Renders the rows as a markdown table that can be pasted into the README.</summary>
internal static class ResultTable
{
    public static string Render(MachineInfo machine, string clientMode, IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"Machine: {machine}. Client and gateway share this machine. Connections connect as client cli, mode {clientMode}.");
        text.AppendLine();
        text.AppendLine("| metric | value | target | status |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in rows)
            text.AppendLine($"| {Escape(row.Metric)} | {Escape(row.Value)} | {Escape(row.Target)} | {row.Status} |");
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|").ReplaceLineEndings(" ");
}
