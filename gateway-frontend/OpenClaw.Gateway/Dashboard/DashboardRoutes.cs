namespace OpenClaw.Gateway.Dashboard;

/// <summary>The dashboard's paths on every front node.</summary>
public static class DashboardRoutes
{
    public const string Page = "/dashboard";
    public const string Login = "/dashboard/login";
    public const string Status = "/dashboard/api/status";
    public const string Script = "/dashboard/dashboard.js";
    public const string Styles = "/dashboard/dashboard.css";
}
