import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT || 3000}`;
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * `import { Button, Form } from 'antd'` (and the same from '@ant-design/icons') as one import per component
 * (`antd/es/button`, `@ant-design/icons/es/icons/UserOutlined`). Through the barrels every page's graph reaches every
 * component, and the bundler then groups unrelated components (the menu with typography, tabs with the login form)
 * into the chunks a cold visit loads; per-component imports let each page bring only what it uses.
 */
function deepImports(): Plugin {
  const antd = new Map<string, string>();
  const index = readFileSync(path.join(here, 'node_modules/antd/es/index.js'), 'utf8');
  for (const m of index.matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)';/g)) antd.set(m[1]!, `antd/es/${m[2]}/index.js`);
  const target = (pkg: string, name: string): string | undefined =>
    pkg === 'antd' ? antd.get(name) : /^[A-Z]\w*(Outlined|Filled|TwoTone)$/.test(name) ? `@ant-design/icons/es/icons/${name}` : undefined;
  return {
    name: 'zc:deep-imports',
    enforce: 'post',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.[jt]sx?$/.test(id.split('?')[0]!)) return null;
      let changed = false;
      const out = code.replace(/import\s*\{([^}]*)\}\s*from\s*(['"])(antd|@ant-design\/icons)\2;?/g, (all, list: string, _q, pkg: string) => {
        const keep: string[] = [];
        const deep: string[] = [];
        for (const spec of list.split(',').map((s) => s.trim()).filter(Boolean)) {
          const [name, local = name] = spec.split(/\s+as\s+/).map((s) => s.trim()) as [string, string?];
          const to = target(pkg, name);
          if (to) deep.push(`import ${local} from '${to}';`);
          else keep.push(spec);
        }
        if (!deep.length) return all;
        changed = true;
        return [...deep, ...(keep.length ? [`import { ${keep.join(', ')} } from '${pkg}';`] : [])].join('\n');
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

export default defineConfig({
  plugins: [react(), deepImports()],
  server: { port: Number(process.env.WEB_PORT || 5173), proxy },
  preview: { port: Number(process.env.WEB_PORT || 4173), proxy },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // Read by scripts/bundle-budget.mjs (the JavaScript each route's cold visit loads).
    manifest: true,
  },
});
