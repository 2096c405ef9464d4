# SPA image: the built React app served by Debian's nginx (gzip and brotli), proxying /api to the API processes.
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.21.0
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/contracts/package.json packages/contracts/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY packages packages
COPY apps/web apps/web
RUN pnpm --filter @zhicheng/contracts build && pnpm --filter @zhicheng/web build

# The same nginx (Debian bookworm, with the brotli filter module) that scripts/prod-smoke.sh runs in CI.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-filter \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/zhicheng.access.log && ln -sf /dev/stderr /var/log/nginx/error.log
COPY docker/nginx/zhicheng.conf /etc/nginx/conf.d/zhicheng.conf
COPY docker/nginx/brotli.conf /etc/nginx/zhicheng.d/brotli.conf
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
