/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The statutory periods come from the API's periods module (TypeScript source in the workspace).
  transpilePackages: ['@vanban/api'],
};
export default nextConfig;
