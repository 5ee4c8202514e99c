/**
 * The name of the renderer that writes PLAN.md and plan.json. The built-in one is registered
 * under it; a plugin renderer of this name replaces it, as any plugin replaces one of its name.
 * It is no engine: `engines` does not select it, it renders after every engine (see RenderInput).
 */
export const PLAN_RENDERER = 'plan';
