# OpenClaw.Orleans in cluster mode: one image build, two final stages.
#   target silo  -> OpenClaw.Silo (run with --mode cluster: grains only)
#   target front -> OpenClaw.Gateway.Host (the WebSocket/HTTP front tier)
# docker-compose.yml builds both targets; ComposeFileTests checks the projects published here exist.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish silo/OpenClaw.Silo.csproj -c Release -o /app/silo \
 && dotnet publish gateway-frontend/OpenClaw.Gateway.Host/OpenClaw.Gateway.Host.csproj -c Release -o /app/front

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS base
# curl: the compose healthchecks probe /readyz from inside the container.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/openclaw \
 && chown "$APP_UID" /var/lib/openclaw
ENV OPENCLAW_STATE_DIR=/var/lib/openclaw \
    DOTNET_gcServer=0
# The aspnet image ships a non-root user (APP_UID); nothing here needs root at run time.
USER $APP_UID

FROM base AS silo
WORKDIR /app/silo
COPY --from=build /app/silo .
ENTRYPOINT ["dotnet", "OpenClaw.Silo.dll"]
CMD ["--mode", "cluster"]

FROM base AS front
WORKDIR /app/front
COPY --from=build /app/front .
EXPOSE 18789
ENTRYPOINT ["dotnet", "OpenClaw.Gateway.Host.dll"]
