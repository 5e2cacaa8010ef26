import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PORTAL_DIST_DIR: a build directory of one's own (dashboard/host/portal-host.ts says why).
  distDir: process.env.PORTAL_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // The stylesheets (18 KB) go into the page itself: the first paint no longer waits for three more
  // requests to a server that is, at that moment, computing the sections below the fold.
  experimental: { inlineCss: true },
  // The statutory periods come from the API's periods module, which checks dates with the common
  // package's (TypeScript sources in the workspace).
  transpilePackages: ['@vanban/api', '@vanban/common'],
  webpack(config, { isServer, webpack }) {
    // Hydration waits for the page to be parsed (client/hydrate-after-parse.ts says why).
    if (!isServer) {
      config.plugins.push(new webpack.NormalModuleReplacementPlugin(/^\.\/app-bootstrap$/, (resource) => {
        if (/[\\/]next[\\/]dist[\\/](esm[\\/])?client$/.test(resource.context)) resource.request = fileURLToPath(new URL('./client/hydrate-after-parse.ts', import.meta.url));
      }));
    }
    // The API's sources import each other ESM-style, as `./module.js` for `module.ts`.
    config.resolve.extensionAlias = { ...config.resolve.extensionAlias, '.js': ['.ts', '.tsx', '.js'] };
    return config;
  },
};
export default nextConfig;
