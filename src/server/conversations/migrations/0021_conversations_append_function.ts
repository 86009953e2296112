import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL only: the chat-message append as a function (src/server/conversations/append.ts), so
 * the messages that arrive together are stored by one call and one commit, with the plans of its
 * statements kept by the server instead of parsed and planned per message.
 *
 * Each message is checked and stored as the single-message statement does: a client id already
 * stored is a duplicate; the counter is advanced only for an open conversation (and, for staff,
 * one they follow), under the row lock, and the message is inserted with that seq. A duplicate
 * that commits concurrently elsewhere makes the insert fail, and with it the call: the caller then
 * stores each message on its own, so no seq is left unused.
 * SQLite has no such functions; its appends are synchronous statements in one transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create function append_chat_messages(batch jsonb)
    returns table (kind text, seq integer, assignee_id text, participants json)
    language plpgsql as $$
    declare
      item jsonb;
      staff text;
      counter record;
    begin
      for item in select e.value from jsonb_array_elements(batch) with ordinality as e(value, n) order by e.n loop
        staff := item->>'staffId';
        seq := null; assignee_id := null; participants := null;
        if exists (select 1 from messages m where m.conversation_id = item->>'conversationId' and m.client_id = item->>'clientId') then
          kind := 'duplicate';
          return next;
          continue;
        end if;
        update conversations c
          set last_seq = c.last_seq + 1,
              first_reply_at = case when staff is null then c.first_reply_at else coalesce(c.first_reply_at, item->>'createdAt') end
          where c.id = item->>'conversationId' and c.status <> 'closed'
            and (staff is null or c.assignee_id = staff
                 or exists (select 1 from conversation_participants p where p.conversation_id = c.id and p.staff_id = staff))
          returning c.last_seq, c.assignee_id into counter;
        if not found then
          kind := 'rejected';
          return next;
          continue;
        end if;
        insert into messages (conversation_id, seq, client_id, author, author_id, author_name, body, event, created_at, attachment_id)
          values (item->>'conversationId', counter.last_seq, item->>'clientId', item->>'author', staff, item->>'authorName', item->>'body', null, item->>'createdAt', null);
        kind := 'stored';
        seq := counter.last_seq;
        assignee_id := counter.assignee_id;
        participants := coalesce((
          select json_agg(json_build_object('staff_id', p.staff_id, 'role', p.role, 'name', s.name) order by p.joined_at)
          from conversation_participants p join staff_users s on s.id = p.staff_id
          where p.conversation_id = item->>'conversationId'
        ), '[]'::json);
        return next;
      end loop;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function append_chat_messages(jsonb)`.execute(db);
}
