# API image (Node 22 LTS): builds the workspace and runs the NestJS API (migrations and, with SEED_DEMO, the demo
# data run at start under a PostgreSQL advisory lock, so several processes may start at once).
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
COPY apps/api apps/api
RUN pnpm --filter @zhicheng/contracts build && pnpm --filter @zhicheng/api build \
 && pnpm --filter @zhicheng/api deploy --prod --legacy /out

FROM node:22-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/node_modules node_modules
COPY --from=build /out/package.json package.json
COPY --from=build /app/apps/api/dist dist
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
USER node
CMD ["node", "dist/main.js"]
