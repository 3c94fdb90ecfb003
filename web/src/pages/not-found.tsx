import { A } from '@solidjs/router';
import { Card } from '../components/layout';

export default function NotFound() {
  return (
    <Card title="Page not found">
      <p>There is no page at this address. Check the address, or go back to the start.</p>
      <p class="card__footer">
        <A href="/">Go to the start page</A>
      </p>
    </Card>
  );
}
