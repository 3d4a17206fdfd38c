# One image recipe, two targets: `web` and `worker`. Production runs Node 22 LTS (Node 20 is past
# its end of life); the code itself supports Node >= 20.19.
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile && pnpm exec turbo run build && pnpm deploy --legacy --filter=@supervise/cli --prod /out/cli \
  && pnpm deploy --legacy --filter=@supervise/worker --prod /out/worker && pnpm deploy --legacy --filter=@supervise/web --prod /out/web \
  && cp -r apps/web/build apps/web/serve.js /out/web/

FROM node:22-bookworm-slim AS web
ENV NODE_ENV=production PORT=3000
# Official documents (packages/documents) are rendered as PDFs in a CJK font found on the system.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/web ./
COPY --from=build /out/cli /cli
# Registry uploads wait here for the worker's parse (UPLOAD_DIR; a volume shared with the worker).
RUN mkdir -p /var/lib/supervise/uploads && chown node:node /var/lib/supervise/uploads && chmod 700 /var/lib/supervise/uploads
USER node
EXPOSE 3000
CMD ["node", "build"]

FROM node:22-bookworm-slim AS worker
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out/worker ./
COPY --from=build /out/cli /cli
RUN mkdir -p /var/lib/supervise/uploads && chown node:node /var/lib/supervise/uploads && chmod 700 /var/lib/supervise/uploads
USER node
CMD ["node", "dist/main.js"]
