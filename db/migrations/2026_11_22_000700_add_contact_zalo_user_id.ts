import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The contact's Zalo user id as the OA sees it (a follower of the Official Account): OA messages go to it, not to
  // a phone number. Null for a contact who does not follow the OA; their Zalo messages fall back to email.
  await db.schema.alterTable('unit_contacts').addColumn('zalo_user_id', 'text').execute();
  // The OA provider looks the follower up by the phone number a delivery carries.
  await db.schema
    .createIndex('unit_contacts_phone_follower_idx')
    .on('unit_contacts')
    .column('phone')
    .where(sql.ref('zalo_user_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('unit_contacts_phone_follower_idx').execute();
  await db.schema.alterTable('unit_contacts').dropColumn('zalo_user_id').execute();
}
