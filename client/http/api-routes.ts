import type { ApiContext } from './api-options';
import { authenticate } from './auth/authenticate';
import type { HttpApp } from './outbox-routes';
import { registerAuthRoutes } from './routes/auth-routes';

/**
 * Every `/api` route, behind the `authenticate` hook (who is asking: SSO proxy, bearer token or session cookie;
 * reporters are recognised by the link in the path). Each group lives in its own file under routes/.
 */
export function registerApiRoutes(app: HttpApp, api: ApiContext): void {
  void app.register(
    (scope, _options, done) => {
      scope.addHook('onRequest', authenticate({ db: api.db, trustedProxySecret: api.trustedProxySecret }));
      registerAuthRoutes(scope, api);
      done();
    },
    { prefix: '/api' },
  );
}
