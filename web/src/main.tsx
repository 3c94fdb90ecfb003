/** The web app's entry: the routes, their guards, the first "who is signed in?" question and the hospital's settings. */
import { Route, Router } from '@solidjs/router';
import { render } from 'solid-js/web';
import { SignedOutOnly } from './components/guards';
import { Layout } from './components/layout';
import { settings } from './lib/config';
import { session } from './lib/session';
import NotFound from './pages/not-found';
import Register from './pages/register';
import SignIn from './pages/sign-in';
import { accountRoutes } from './routes/account';
import { portalRoutes } from './routes/portals';
import './styles.css';
import './portal.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void session.load();
void settings.load();

render(
  () => (
    <Router root={Layout}>
      <Route
        path="/sign-in"
        component={() => (
          <SignedOutOnly>
            <SignIn />
          </SignedOutOnly>
        )}
      />
      <Route
        path="/register"
        component={() => (
          <SignedOutOnly>
            <Register />
          </SignedOutOnly>
        )}
      />
      {accountRoutes.map((route) => (
        <Route path={route.path as string} component={route.component} />
      ))}
      {portalRoutes.map((route) => (
        <Route path={route.path as string} component={route.component} />
      ))}
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  root,
);
